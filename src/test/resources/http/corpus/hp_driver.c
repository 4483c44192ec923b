/*
 * Reference boundaries from nodejs/http-parser (compiled with HTTP_PARSER_STRICT=1), for extract.py.
 * It #includes that repository's test.c for its requests[] and responses[] arrays (its main renamed),
 * then reads further cases from stdin: one per line, "NAME<TAB>request|response<TAB>HEXBYTES".
 * Each case is fed one byte per call, so the byte a callback fires on is the offset it reports;
 * EOF is signalled with a zero-length call, as test.c's parse(NULL, 0) does.
 * Output, one line per case: NAME TYPE HEX begins=a,b ends=a,b upgrade=N|-1 eofcomplete=0|1 error=NAME|-
 * keepalive=0|1|-1 (test.c's should_keep_alive of an array entry, which test_multiple3 reads; -1 for stdin's)
 */
#define main http_parser_test_main
#include "test.c"
#undef main

static size_t cur;
static size_t begins[64], ends[64];
static int nbegin, nend;

static int d_begin(http_parser *p) { (void) p; if (nbegin < 64) begins[nbegin++] = cur; return 0; }
static int d_complete(http_parser *p) { (void) p; if (nend < 64) ends[nend++] = cur + 1; return 0; }

static http_parser_settings d_settings = { .on_message_begin = d_begin, .on_message_complete = d_complete };

static void run(const char *name, enum http_parser_type type, const char *raw, size_t len, int keepalive) {
  http_parser hp;
  http_parser_init(&hp, type);
  nbegin = nend = 0;
  long upgrade = -1;
  int eof_complete = 0;
  size_t i;
  for (i = 0; i < len; i++) {
    cur = i;
    int before = nend;
    size_t n = http_parser_execute(&hp, &d_settings, raw + i, 1);
    /* the upgrade flag is up from the head on; the tunnel starts once that message is complete */
    if (hp.upgrade && nend > before) { upgrade = (long) (i + n); break; }
    if (n != 1 || HTTP_PARSER_ERRNO(&hp) != HPE_OK) break;
  }
  if (upgrade < 0 && HTTP_PARSER_ERRNO(&hp) == HPE_OK) {
    int before = nend;
    cur = len - 1; /* a message completed by EOF ends at the stream's end */
    http_parser_execute(&hp, &d_settings, NULL, 0);
    eof_complete = nend > before;
  }
  printf("%s\t%s\t", name, type == HTTP_REQUEST ? "request" : "response");
  for (i = 0; i < len; i++) printf("%02x", (unsigned char) raw[i]);
  printf("\tbegins=");
  for (int k = 0; k < nbegin; k++) printf(k ? ",%zu" : "%zu", begins[k]);
  printf("\tends=");
  for (int k = 0; k < nend; k++) printf(k ? ",%zu" : "%zu", ends[k]);
  printf("\tupgrade=%ld\teofcomplete=%d\terror=%s\tkeepalive=%d\n", upgrade, eof_complete,
         HTTP_PARSER_ERRNO(&hp) == HPE_OK ? "-" : http_errno_name(HTTP_PARSER_ERRNO(&hp)), keepalive);
}

static int unhex(int c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

int main(void) {
  char label[512];
  for (size_t k = 0; k < ARRAY_SIZE(requests); k++) {
    snprintf(label, sizeof label, "requests[%zu] %s", k, requests[k].name);
    if (requests[k].allow_chunked_length) { printf("%s\tlenient\tallow_chunked_length\n", label); continue; }
    run(label, requests[k].type, requests[k].raw, strlen(requests[k].raw), requests[k].should_keep_alive);
  }
  for (size_t k = 0; k < ARRAY_SIZE(responses); k++) {
    snprintf(label, sizeof label, "responses[%zu] %s", k, responses[k].name);
    if (responses[k].allow_chunked_length) { printf("%s\tlenient\tallow_chunked_length\n", label); continue; }
    run(label, responses[k].type, responses[k].raw, strlen(responses[k].raw), responses[k].should_keep_alive);
  }
  static char line[1 << 20], raw[1 << 19];
  while (fgets(line, sizeof line, stdin)) {
    char *name = strtok(line, "\t"), *type = strtok(NULL, "\t"), *hex = strtok(NULL, "\t\n");
    if (!name || !type || !hex) continue;
    size_t n = strlen(hex) / 2;
    for (size_t k = 0; k < n; k++) raw[k] = (char) (unhex(hex[2 * k]) << 4 | unhex(hex[2 * k + 1]));
    run(name, strcmp(type, "request") == 0 ? HTTP_REQUEST : HTTP_RESPONSE, raw, n, -1);
  }
  return 0;
}
