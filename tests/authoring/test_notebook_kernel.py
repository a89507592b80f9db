"""The committed notebook templates run top to bottom in a real Jupyter kernel.

One kernel serves every notebook (``%reset -f`` first, so none relies on another's
definitions); after the template's cells, an added cell calls every function whose
whole body is a stub and expects NotImplementedError.
"""

from __future__ import annotations

import pytest

from authoring_support import ROOT, append_code_cell

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
jupyter_manager = pytest.importorskip("jupyter_client.manager")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((ROOT / "student_templates").glob("*.ipynb"))

STUBS_RAISE = '''
import inspect
_checked = []
for _name in {names!r}:
    _f = globals()[_name]
    _n = sum(p.default is inspect.Parameter.empty for p in inspect.signature(_f).parameters.values())
    try:
        _f(*[None] * _n)
    except NotImplementedError:
        _checked.append(_name)
assert _checked == {names!r}, _checked
print("stubs raise:", len(_checked))
'''


@pytest.fixture(scope="module")
def kernel():
    manager = jupyter_manager.KernelManager(kernel_name="python3")
    manager.start_kernel()
    yield manager
    manager.shutdown_kernel(now=True)


def _whole_stubs(template: str) -> list[str]:
    names, current = [], None
    for line in template.splitlines():
        if line.startswith("def "):
            current = line[4:].split("(")[0]
        if current and f'raise NotImplementedError("implement {current} ' in line:
            names.append(current)
    return names


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_template_runs_in_a_kernel_up_to_the_stubs(kernel, path):
    notebook = nbformat.read(path, as_version=4)
    names = _whole_stubs(path.with_suffix(".py").read_text())
    assert names, "the template has no function to fill in"
    runnable = append_code_cell(notebook, STUBS_RAISE.format(names=names))
    runnable.cells.insert(0, nbformat.v4.new_code_cell("%reset -f", id="reset"))
    nbclient.NotebookClient(runnable, km=kernel, timeout=60, kernel_name="python3").execute()
    last = runnable.cells[-1].outputs
    assert any(f"stubs raise: {len(names)}" in o.get("text", "") for o in last), last
