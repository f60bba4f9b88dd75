"""Push the local store's article graphs to a remote triple store (Oxigraph, Virtuoso, QLever, GraphDB...).

    push_store(GraphStore, Target(endpoint, token=...)) -> PushReport

Graph Store HTTP Protocol first (PUT replaces a graph), SPARQL Update as the fallback; see kg/push/remote.py.
"""

from kg.push.publish import PushReport, push_store
from kg.push.remote import PushError, RemoteStore, Target

__all__ = ["PushError", "PushReport", "RemoteStore", "Target", "push_store"]
