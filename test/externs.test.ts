import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { includeClosures } from '../src/facts/includes.js';
import { externVariables } from '../src/source/externs.js';

describe('extern variables', () => {
  it('names the writable globals a text declares extern, not functions, constants, tables or thread-local ones', () => {
    const text = [
      'extern long total_calls;',
      'extern PyObject *cache, *other;',
      'extern char last_error[64];',
      'extern const char *default_name;',
      'extern const int LIMIT, *limits;',
      'extern int compute(int x);',
      'extern PyTypeObject Counter_Type;',
      'extern _Thread_local int depth;',
      'extern "C" PyObject *PyInit_fast(void);',
      'extern "C" {',
      'NPY_NO_EXPORT extern int',
      '    multiline_flag;',
      '}',
    ].join('\n');
    assert.deepEqual(externVariables(text), ['total_calls', 'cache', 'other', 'last_error', 'default_name', 'limits', 'multiline_flag']);
    assert.deepEqual(externVariables('static long hits;\nint main(void) { return 0; }\n'), []);
  });

  it('follows #include lines to every scanned header a file reads, through other headers, with the line that reaches it', () => {
    const closures = includeClosures([
      { file: 'src/mod.c', includes: ['Python.h', 'state.h'] },
      { file: 'src/state.h', includes: ['common/base.h'] },
      { file: 'include/common/base.h', includes: [] },
      { file: 'src/other.c', includes: [] },
    ]);
    assert.deepEqual(closures.get('src/mod.c'), [
      { file: 'src/mod.c', via: null },
      { file: 'src/state.h', via: { from: 'src/mod.c', index: 1 } },
      { file: 'include/common/base.h', via: { from: 'src/state.h', index: 0 } },
    ]);
    assert.deepEqual(closures.get('src/other.c'), [{ file: 'src/other.c', via: null }]);
  });
});
