/* Fuzz harness for the command line's option parser: the input, split at
 * NUL bytes, is an argument vector for a table holding every kind of
 * option. Messages go to stderr (parse_options prints them). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	char **argv = calloc(size + 2, sizeof(*argv));
	if (!copy || !argv) {
		free(copy);
		free(argv);
		return 0;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	int argc = 0;
	argv[argc++] = "cmd";
	for (size_t i = 0; i <= size;) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	int flag = 0;
	const char *str = NULL, *pair[2] = {NULL, NULL};
	long num = 0;
	struct opt_list list = {0};
	const struct option opts[] = {
		{"flag", 'f', OPT_FLAG, &flag, NULL, "a flag"},
		{"string", 's', OPT_STRING, &str, "S", "a string"},
		{"number", 'n', OPT_LONG, &num, "N", "a number"},
		{"list", 'l', OPT_LIST, &list, "X", "repeatable"},
		{"pair", 0, OPT_PAIR, pair, "X Y", "two values"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos = NULL;
	int npos = 0;
	FILE *saved = stderr;
	(void)saved;
	parse_options("fuzz", "fuzz [options]", opts, argc, argv, &pos, &npos);
	if (npos < 0 || npos > argc)
		abort();
	free(pos);
	opt_list_release(&list);
	free(copy);
	free(argv);
	return 0;
}
