"""Training the document-type model: the corpus (generated samples, courtesy copies, receipts, OCR noise) and the fit.

Above the stages: it renders documents with the sample generator and reads
FatturaPA with the extractors, which the run-time classifier in `classifiers/`
must never import.
"""
