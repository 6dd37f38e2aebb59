"""``govlint sweep --scheduler tcp://…``: the sweep's chunks as tasks on a Dask cluster
(``govlint[dask]``: dask.distributed, an existing engine — nothing home-made).

The workers need govlint installed (same version) and the report files at the same paths
(a shared file system); results come back to the machine running ``govlint sweep``, which
keeps the store and writes the outputs, so they are identical to a local run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govlint.commands.sweep_store import Record

IN_FLIGHT_PER_WORKER = 4


def need_dask() -> None:
    from govlint.commands.export import MissingExtra

    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MissingExtra("在 Dask 集群上运行需要安装可选依赖：pip install 'govlint[dask]'（缺少 distributed）") from None


def dask_results(settings: Any, chunks: Iterator[list[tuple[str, str | None]]], scheduler: Any) -> Iterator[list[Record]]:
    """Results of :func:`govlint.commands.sweep.work_chunk` over ``chunks``; ``scheduler`` is an
    address (``tcp://host:8786``) or a ``distributed.Client`` already connected (tests)."""
    need_dask()
    from distributed import Client, as_completed

    from govlint.commands.sweep import work_chunk

    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="10s") if own else scheduler
    except OSError as exc:
        raise ValueError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = IN_FLIGHT_PER_WORKER * workers
        queue = as_completed()
        n = 0
        for items in chunks:
            queue.add(client.submit(work_chunk, settings, items, pure=False))
            n += 1
            if n >= limit:
                fut = next(queue)
                yield fut.result()
                fut.release()
                n -= 1
        for fut in queue:
            yield fut.result()
            fut.release()
    finally:
        if own:
            client.close()
