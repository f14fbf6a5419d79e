import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorVerdict } from '../src/facts/requirements.js';

const PYBIND11 = ['pybind11', 'pybind11-global'];

describe('build requirements against the first release with the declaration', () => {
  const cases: [string, ReturnType<typeof floorVerdict>][] = [
    ['pybind11', 'meets'],
    ['pybind11>=2.13', 'meets'],
    ['pybind11>=2.13.6,<3', 'meets'],
    ['pybind11 >= 3.0.1', 'meets'],
    ['pybind11==2.13.*', 'meets'],
    ['pybind11==2.*', 'below'],
    ['pybind11~=2.12', 'below'],
    ['pybind11>=2.10', 'below'],
    ['pybind11>2.12', 'below'],
    ['PyBind11[global]>=2.6; python_version >= "3.9"', 'below'],
    ['pybind11_global (>=2.6)', 'below'],
    ['pybind11<2.13', 'excludes'],
    ['pybind11>=2.10,<2.13', 'excludes'],
    ['pybind11<=2.12.1', 'excludes'],
    ['pybind11==2.11.1', 'excludes'],
    ['pybind11==2.12.*', 'excludes'],
    ['pybind11~=2.12.0', 'excludes'],
    ['pybind11===2.10.4', 'excludes'],
    ['pybind11!=2.13.0', 'meets'],
    ['pybind11-stubgen>=0.1', null],
    ['nanobind>=2.2', null],
    ['pybind11 @ https://example.org/pybind11.zip', null],
    ['pybind11>=latest', null],
  ];
  for (const [requirement, verdict] of cases) {
    it(`${requirement}: ${verdict}`, () => assert.equal(floorVerdict(requirement, PYBIND11, [2, 13]), verdict));
  }
});
