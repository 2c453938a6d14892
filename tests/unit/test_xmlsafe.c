/* Safe XML reading: external entities refused, entity bombs and deep nesting
 * refused fast, wrong encodings recovered, bounded text helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "ingest/xmlsafe.h"

static xmlDocPtr parse(const char *s, char **err, struct xmlsafe_notes *notes)
{
	return xmlsafe_read_notes(s, strlen(s), "t.xml", err, notes);
}

static void test_xxe_left_empty(void **state)
{
	(void)state;
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE r [<!ENTITY f SYSTEM \"file:///etc/passwd\">"
		"<!ENTITY u SYSTEM \"http://127.0.0.1:9/x\">]>\n"
		"<r><p>before &f; middle &u; after</p></r>";
	char *err = NULL;
	int refused = 0;
	xmlDocPtr d = xmlsafe_read(doc, strlen(doc), "xxe.xml", &err, &refused);
	assert_non_null(d);
	assert_null(err);
	assert_int_equal(refused, 2);
	char *text = xmlsafe_text_dup(xmlDocGetRootElement(d), 1000);
	assert_string_equal(text, "before middle after");
	assert_null(strstr(text, "root:"));
	free(text);
	xmlFreeDoc(d);
}

static void test_external_parameter_entity(void **state)
{
	(void)state;
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]>\n"
		"<r>text</r>";
	char *err = NULL;
	struct xmlsafe_notes notes;
	xmlDocPtr d = parse(doc, &err, &notes);
	assert_non_null(d);
	assert_true(notes.refused_entities >= 1);
	xmlFreeDoc(d);
	/* An external DTD is not fetched either, and is no entity to warn about. */
	const char *dtd = "<!DOCTYPE nitf SYSTEM \"http://127.0.0.1:9/nitf.dtd\"><nitf/>";
	d = parse(dtd, &err, &notes);
	assert_non_null(d);
	assert_int_equal(notes.refused_entities, 0);
	xmlFreeDoc(d);
}

static void test_billion_laughs(void **state)
{
	(void)state;
	char doc[4096];
	size_t n = (size_t)snprintf(doc, sizeof(doc), "<?xml version=\"1.0\"?>\n<!DOCTYPE l [\n"
				   "<!ENTITY a0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "<!ENTITY a%d \"", i);
		for (int k = 0; k < 10; k++)
			n += (size_t)snprintf(doc + n, sizeof(doc) - n, "&a%d;", i - 1);
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "\">\n");
	}
	snprintf(doc + n, sizeof(doc) - n, "]>\n<l>&a9;</l>\n");
	char *err = NULL;
	clock_t t0 = clock();
	xmlDocPtr d = parse(doc, &err, NULL);
	assert_null(d);
	assert_non_null(strstr(err, "entity"));
	assert_non_null(strstr(err, "unable to parse 't.xml'"));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(err);
}

/* One large entity referenced many times: each reference is small in the
 * file but the text would be hundreds of megabytes. */
static void test_quadratic_blowup(void **state)
{
	(void)state;
	size_t ent = 60000, refs = 5000;
	size_t cap = ent + refs * 3 + 200;
	char *doc = malloc(cap);
	assert_non_null(doc);
	size_t n = (size_t)snprintf(doc, cap, "<!DOCTYPE r [<!ENTITY a \"");
	memset(doc + n, 'x', ent);
	n += ent;
	n += (size_t)snprintf(doc + n, cap - n, "\">]><r>");
	for (size_t i = 0; i < refs; i++) {
		memcpy(doc + n, "&a;", 3);
		n += 3;
	}
	n += (size_t)snprintf(doc + n, cap - n, "</r>");
	char *err = NULL;
	xmlDocPtr d = xmlsafe_read(doc, n, "quad.xml", &err, NULL);
	assert_null(d);
	assert_non_null(strstr(err, "entities expand"));
	free(err);
	free(doc);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 5000;
	char *doc = malloc(depth * 7 + 1);
	assert_non_null(doc);
	size_t n = 0;
	for (size_t i = 0; i < depth; i++, n += 3)
		memcpy(doc + n, "<a>", 3);
	for (size_t i = 0; i < depth; i++, n += 4)
		memcpy(doc + n, "</a>", 4);
	char *err = NULL;
	xmlDocPtr d = xmlsafe_read(doc, n, "deep.xml", &err, NULL);
	assert_null(d);
	assert_non_null(strstr(err, "depth"));
	free(err);
	free(doc);
}

static void test_encodings(void **state)
{
	(void)state;
	char *err = NULL;
	struct xmlsafe_notes notes;
	/* Declared UTF-8, written in latin-1: read again as windows-1252. */
	const char *wrong = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><p>Caf\xe9 in Bogot\xe1</p>";
	xmlDocPtr d = parse(wrong, &err, &notes);
	assert_non_null(d);
	assert_int_equal(notes.reencoded, 1);
	char *t = xmlsafe_text_dup(xmlDocGetRootElement(d), 100);
	assert_string_equal(t, "Caf\xc3\xa9 in Bogot\xc3\xa1");
	free(t);
	xmlFreeDoc(d);
	/* Declared latin-1 and written so: no fuss. */
	const char *right = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>M\xf8te</p>";
	d = parse(right, &err, &notes);
	assert_non_null(d);
	assert_int_equal(notes.reencoded, 0);
	t = xmlsafe_text_dup(xmlDocGetRootElement(d), 100);
	assert_string_equal(t, "M\xc3\xb8te");
	free(t);
	xmlFreeDoc(d);
	/* Declared latin-1 but broken otherwise: still an error, never a retry. */
	d = parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>x</q>", &err, &notes);
	assert_null(d);
	assert_non_null(strstr(err, "line 1"));
	free(err);
}

static void test_truncated(void **state)
{
	(void)state;
	char *err = NULL;
	xmlDocPtr d = parse("<nitf>\n<body>\n<p>cut here", &err, NULL);
	assert_null(d);
	assert_non_null(strstr(err, "unable to parse 't.xml': line 3"));
	free(err);
	d = parse("", &err, NULL);
	assert_null(d);
	free(err);
}

static void test_text_helpers(void **state)
{
	(void)state;
	char *err = NULL;
	const char *doc = "<!DOCTYPE r [<!ENTITY co \"and company\">]>"
			  "<r id=\"  a\n b \"><p>  Lavrov <b>met</b>\n\t Kerry &co; </p>"
			  "<p>second</p><x:q xmlns:x=\"urn:x\">ns</x:q></r>";
	xmlDocPtr d = parse(doc, &err, NULL);
	assert_non_null(d);
	xmlNode *root = xmlDocGetRootElement(d);
	char *t = xmlsafe_text_dup(root, 1000);
	assert_string_equal(t, "Lavrov met Kerry and company second ns");
	free(t);
	t = xmlsafe_text_dup(root, 10);
	assert_true(strlen(t) <= 10);
	free(t);
	t = xmlsafe_attr(root, "id", 100);
	assert_string_equal(t, "a b");
	free(t);
	assert_null(xmlsafe_attr(root, "missing", 100));
	assert_non_null(xmlsafe_child(root, "q"));
	assert_true(xmlsafe_is_ns(xmlsafe_child(root, "q"), "urn:x", "q"));
	assert_false(xmlsafe_is_ns(xmlsafe_child(root, "q"), NULL, "q"));
	assert_non_null(xmlsafe_next(xmlsafe_child(root, "p"), "p"));
	assert_non_null(xmlsafe_find(root, "b"));
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(xmlsafe_raw_text(xmlsafe_child(root, "p"), &b), 0);
	assert_string_equal(buf_str(&b), "  Lavrov met\n\t Kerry and company ");
	buf_release(&b);
	xmlFreeDoc(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xxe_left_empty),
		cmocka_unit_test(test_external_parameter_entity),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_quadratic_blowup),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_text_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
