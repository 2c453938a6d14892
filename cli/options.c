/* One option parser for every command, driven by a table (git's
 * parse-options idea): long options, short letters, "--opt=value". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/term.h"

static const char *program = "communique";

/* A message is one line, whatever the report titles and file names in it
 * hold: control characters are escaped (term.h). */
static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
	struct buf m, safe;
	va_list again;
	va_copy(again, ap);
	buf_init(&m, 0);
	buf_init(&safe, 0);
	buf_vprintf(&m, fmt, ap);
	term_escape(&safe, buf_str(&m), TERM_LINE);
	if (!buf_failed(&m) && !buf_failed(&safe)) {
		fprintf(stderr, "%s: %s%s\n", program, prefix, buf_str(&safe));
	} else {
		/* Out of memory: the message still goes out, through a buffer
		 * on the stack, cut if long, its controls replaced. */
		char line[1024];
		vsnprintf(line, sizeof(line), fmt, again);
		for (char *c = line; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		fprintf(stderr, "%s: %s%s\n", program, prefix, line);
	}
	va_end(again);
	buf_release(&safe);
	buf_release(&m);
}

void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("error: ", fmt, ap);
	va_end(ap);
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

int close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		error("cannot write the output: %s", strerror(e ? e : EIO));
		return -1;
	}
	return 0;
}

void print_help(FILE *out, const char *prog, const char *usage, const struct option *opts)
{
	fprintf(out, "usage: %s %s\n", prog, usage);
	if (opts && opts->name)
		fputs("\noptions:\n", out);
	for (const struct option *o = opts; o && o->name; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
}

static int store_value(const struct option *o, const char *val, const char *val2)
{
	switch (o->type) {
	case OPT_FLAG:
		*(int *)o->value = 1;
		return 0;
	case OPT_STRING:
		*(const char **)o->value = val;
		return 0;
	case OPT_PAIR:
		((const char **)o->value)[0] = val;
		((const char **)o->value)[1] = val2;
		return 0;
	case OPT_LONG:
	case OPT_COUNT: {
		char *end;
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || *end || end == val || v < 0) {
			error("--%s needs a non-negative number, not '%s'", o->name, val);
			return -1;
		}
		/* --limit 0 would read as "no limit" (what leaving it out means) or
		 * "nothing" (an empty export that looks like success): neither. */
		if (o->type == OPT_COUNT && v == 0) {
			error("--%s needs a number above 0 (leave it out for no limit), not '%s'", o->name, val);
			return -1;
		}
		*(long *)o->value = v;
		return 0;
	}
	case OPT_LIST: {
		struct opt_list *l = o->value;
		const char **p = realloc(l->items, (l->n + 1) * sizeof(*p));
		if (!p) {
			error("out of memory");
			return -1;
		}
		l->items = p;
		l->items[l->n++] = val;
		return 0;
	}
	}
	return -1;
}

void opt_list_release(struct opt_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static const struct option *find_long(const struct option *opts, const char *name, size_t n)
{
	for (const struct option *o = opts; o && o->name; o++)
		if (strlen(o->name) == n && !strncmp(o->name, name, n))
			return o;
	return NULL;
}

static const struct option *find_short(const struct option *opts, char c)
{
	for (const struct option *o = opts; o && o->name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

int parse_options(const char *prog, const char *usage, const struct option *opts, int argc,
		  char **argv, char ***pos, int *npos)
{
	*npos = 0;
	*pos = calloc((size_t)argc + 1, sizeof(**pos));
	if (!*pos) {
		error("out of memory");
		return -1;
	}
	int only_pos = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_pos || a[0] != '-' || !strcmp(a, "-")) {
			(*pos)[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(stdout, prog, usage, opts);
			return 1;
		}
		const struct option *o;
		const char *inline_val = NULL;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
			o = find_long(opts, a + 2, n);
			if (eq)
				inline_val = eq + 1;
		} else {
			o = a[2] ? NULL : find_short(opts, a[1]);
		}
		if (!o) {
			error("unknown option '%s' (see '%s --help')", a, prog);
			return -1;
		}
		const char *val = NULL, *val2 = NULL;
		if (o->type == OPT_FLAG) {
			if (inline_val) {
				error("--%s takes no value", o->name);
				return -1;
			}
		} else if (inline_val) {
			val = inline_val;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			error("--%s needs %s", o->name, o->arg ? o->arg : "a value");
			return -1;
		}
		if (o->type == OPT_PAIR) {
			if (i + 1 >= argc) {
				error("--%s needs two values: %s", o->name, o->arg);
				return -1;
			}
			val2 = argv[++i];
		}
		if (store_value(o, val, val2))
			return -1;
	}
	return 0;
}
