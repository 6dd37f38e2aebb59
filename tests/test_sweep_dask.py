"""``govlint sweep`` on a Dask cluster (a LocalCluster here, one worker process): the same
outputs, byte for byte, as the local run."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import REAL, SEEDS
from tests.test_sweep import _outputs

from govlint.commands.sweep import Settings, sweep


def test_dask_sweep_equals_the_local_one(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local = sweep([str(SEEDS), str(REAL)], tmp_path / "local", Settings(config=None), jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            remote = sweep([str(SEEDS), str(REAL)], tmp_path / "dask", Settings(config=None), scheduler=client)
            # the cluster did the work: its worker holds govlint's engine
            assert any(client.run(lambda: "govlint.commands.sweep" in __import__("sys").modules).values())
    assert (remote.processed, remote.errors) == (local.processed, local.errors) == (10, 0)
    a, b = _outputs(tmp_path / "local"), _outputs(tmp_path / "dask")
    assert a == b and len(a) >= 11  # summary.json + facts and diagnostics for five year partitions


def test_scheduler_address_that_does_not_answer(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from tests.cli_util import run

    proc = run("sweep", str(SEEDS), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2 and "Dask" in proc.stderr and "Traceback" not in proc.stderr
