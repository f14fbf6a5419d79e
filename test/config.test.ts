import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupCfgRequires, setupPyRequires } from '../src/config.js';

describe('python_requires in setuptools files', () => {
  it('reads setup.cfg [options] only, with either delimiter and spelling, without an inline comment', () => {
    assert.equal(setupCfgRequires('[options]\npython_requires = >=3.10\n'), '>=3.10');
    assert.equal(setupCfgRequires('[metadata]\nname = x\n[options]\npackages = find:\npython-requires: >=3.8, <4  # old pips\n'), '>=3.8, <4');
    assert.equal(setupCfgRequires('[metadata]\npython_requires = >=3.13\n[options]\nzip_safe = false\n'), null);
    assert.equal(setupCfgRequires('[options]\n  python_requires = >=3.13\n'), null, 'an indented line continues the value above');
  });

  it('reads a literal in setup.py, as a keyword or a dict key, never a computed value or a comment', () => {
    assert.equal(setupPyRequires('setup(\n    python_requires=">=3.12",\n)\n'), '>=3.12');
    assert.equal(setupPyRequires("kwargs = {'python_requires': '>=3.9'}\nsetup(**kwargs)\n"), '>=3.9');
    assert.equal(setupPyRequires('setup(python_requires=MINIMUM)\n'), null);
    assert.equal(setupPyRequires('# python_requires=">=3.13"\nsetup(python_requires=">=3.8")\n'), '>=3.8');
    assert.equal(setupPyRequires('kwargs.update(\n    python_requires=(\n        ">=3.7, !=3.8.*"\n    ),\n)\n'), '>=3.7, !=3.8.*');
    assert.equal(setupPyRequires("REQUIRES = '>=3.10'  # keep in step with CI\nsetup(python_requires=REQUIRES)\n"), '>=3.10');
    assert.equal(setupPyRequires("if NEW:\n    REQUIRES = '>=3.13'\nREQUIRES = '>=3.9'\nsetup(python_requires=REQUIRES)\n"), null, 'a name assigned twice');
    assert.equal(setupPyRequires('setup(python_requires=minimum())\n'), null);
  });
});
