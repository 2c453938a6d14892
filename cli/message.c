/* See message.h. */
#include <stdarg.h>

#include "cli/message.h"
#include "util/buf.h"

char *message(const char *fmt, ...)
{
	struct buf b;
	buf_init(&b, 0);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_finish(&b);
}
