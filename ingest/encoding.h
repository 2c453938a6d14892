/* Decoding of saved reports to UTF-8.
 *
 * Analysts save reports from many sites and editors: UTF-8 with or without a
 * byte-order mark, UTF-16 from Windows tools, windows-1251 from Russian
 * sites, windows-1252 / latin-1 from older Western ones. encoding_to_utf8()
 * turns any of them into UTF-8 (with glibc's iconv) and refuses what is not
 * text at all, so that every reader downstream sees valid UTF-8.
 */
#ifndef COMMUNIQUE_ENCODING_H
#define COMMUNIQUE_ENCODING_H
#include <stddef.h>

/* The most input bytes encoding_to_utf8() accepts (larger input is an error). */
#define ENCODING_MAX_INPUT ((size_t)256 << 20)

/* Decodes data[0..len) to UTF-8. The charset is chosen in this order:
 *   1. a byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins; the mark is
 *      dropped from the output;
 *   2. UTF-16 without a mark, when every other byte is NUL (ASCII-heavy text);
 *   3. input that is valid UTF-8 (and has no NUL) passes through unchanged;
 *   4. the declared charset (any name iconv knows, e.g. "windows-1251"), when
 *      declared is not NULL and the input decodes cleanly with it;
 *   5. a heuristic: windows-1251 when the bytes >= 0x80 form Cyrillic words,
 *      else windows-1252 (latin-1 for the five bytes windows-1252 leaves
 *      undefined).
 * Input that is not text is refused: NUL bytes outside UTF-16/32, or a
 * large share of control characters ("binary content, not text"); a UTF-16
 * or UTF-32 mark followed by bytes that are not valid in it ("invalid
 * UTF-16", "invalid UTF-32"); an unknown declared charset.
 *
 * On success returns 0 and sets *out to a malloc'd NUL-terminated UTF-8
 * string (the caller frees it) and *out_len to its length without the NUL.
 * Empty input gives an empty string. On failure returns -1 and sets *err to
 * a malloc'd lower-case message (the caller frees it); *out is then NULL.
 * out_len and err may not be NULL. */
int encoding_to_utf8(const char *data, size_t len, const char *declared,
                     char **out, size_t *out_len, char **err);

/* Whether data[0..len) is binary content rather than a report's text,
 * looking at its first bytes only (constant cost): the magic numbers of
 * PDF, ZIP (and Office files), PNG, JPEG, GIF, gzip, bzip2, xz, 7-Zip, RAR,
 * zstd, old Office, ELF and SQLite files, or, outside UTF-16 and UTF-32,
 * more than a stray NUL byte or a share of control characters no text has.
 * Returns what the content is ("a PDF document", "binary data (NUL
 * bytes)"), a static string, or NULL for what may be text. */
const char *encoding_sniff_binary(const char *data, size_t len);

/* Returns 1 when data[0..len) is valid UTF-8 (no overlong forms, surrogates
 * or code points past U+10FFFF), else 0. */
int encoding_is_utf8(const char *data, size_t len);

#endif
