/* Nothing calls these, but a file-scope table names them: they count as callable. */
typedef void (*handler)(void);

static int opened;

static void on_open(void) { opened = 1; }  // expect: static-state-write
static void on_close(void) { }

static const handler handlers[] = {on_open, on_close};
