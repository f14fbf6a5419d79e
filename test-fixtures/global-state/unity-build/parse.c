/* Never compiled alone: module.c includes it. */
static int depth;

static PyObject *
parse_text(PyObject *text)
{
    PyObject *tokens;
    depth++;  // expect: static-state-write
    tokens = lex_all(text);
    depth--;  // expect: static-state-write
    return tokens;
}
