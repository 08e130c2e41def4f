"""What incremental merging reads and writes between builds: stored merged events and accounts.

`incremental` works on a `ClusterStore`; the build passes it its build state (`BuildState` in
`index.build.state`, an SQLite database), which has these methods. The rows are merge's own
vocabulary: the state stores them without knowing what they mean.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class StoredCluster:
    """A merged event as stored: its accounts in the order they joined, and its event."""

    cluster_id: str
    rank: str  # its first account's place in the corpus: merged events are in this order
    members: list[str]
    base_notes: list[str]
    data: dict[str, Any]
    profile: dict[str, Any]


@dataclass
class ClusterRow:
    """A merged event as the state stores it."""

    cluster_id: str
    action: str
    rank: str
    is_first: bool
    members: list[str]
    span: tuple[str | None, str | None]
    base_notes: list[str]
    data: dict[str, Any]
    keys: list[str]
    names: list[str]
    profile: dict[str, Any]


def encode_key(key: tuple[str, ...]) -> str:
    return "\x1f".join(key)


class ClusterStore(Protocol):
    """The stored accounts and merged events an incremental merge reads and updates."""

    def put_accounts(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None: ...

    def set_account_cluster(self, pairs: Iterable[tuple[str, str]]) -> None: ...

    def accounts_of_docs(self, doc_ids: Iterable[str]) -> list[tuple[str, str]]: ...

    def delete_accounts_of_docs(self, doc_ids: Iterable[str]) -> None: ...

    def accounts(self, event_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]: ...

    def put_clusters(self, rows: list[ClusterRow], *, replace: bool) -> None: ...

    def update_cluster_data(self, cluster_id: str, data: dict[str, Any]) -> None: ...

    def delete_clusters(self, cluster_ids: Iterable[str]) -> None: ...

    def clusters_under(self, keys: Iterable[str],
                       span: tuple[str, str] | None) -> set[str]: ...

    def clusters(self, cluster_ids: Iterable[str]) -> dict[str, StoredCluster]: ...

    def profiles(self, cluster_ids: Iterable[str]
                 ) -> dict[str, tuple[dict[str, Any], list[str]]]: ...

    def clusters_naming(self, action: str, names: Iterable[str], *,
                        firsts_only: bool = False) -> set[str]: ...
