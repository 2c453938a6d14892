/* Replays a fuzz corpus: feeds every file of the directory given as argument
 * to LLVMFuzzerTestOneInput, so that ctest runs each harness on every input
 * ever kept without needing clang's libFuzzer. Exits non-zero when the
 * directory cannot be read or holds no file; a crash fails the test by itself. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "unable to open '%s'\n", path);
		return -1;
	}
	size_t cap = 1 << 16, len = 0;
	unsigned char *data = malloc(cap);
	size_t n;
	while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			unsigned char *more = realloc(data, cap * 2);
			if (!more) {
				free(data);
				data = NULL;
				break;
			}
			data = more;
			cap *= 2;
		}
	}
	int bad = ferror(f) || !data;
	fclose(f);
	if (bad) {
		free(data);
		fprintf(stderr, "unable to read '%s'\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
		return 2;
	}
	DIR *dir = opendir(argv[1]);
	if (!dir) {
		fprintf(stderr, "unable to open corpus '%s'\n", argv[1]);
		return 1;
	}
	int passed = 0, failed = 0;
	struct dirent *e;
	char path[4096];
	while ((e = readdir(dir)) != NULL) {
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (replay_file(path) == 0)
			passed++;
		else
			failed++;
	}
	closedir(dir);
	printf("%d passed, %d failed\n", passed, failed);
	return failed || passed == 0 ? 1 : 0;
}
