/* The libFuzzer entry point every harness defines, for the replay driver. */
#ifndef COMMUNIQUE_FUZZ_H
#define COMMUNIQUE_FUZZ_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
