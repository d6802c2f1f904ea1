"""Data formats as data: PolNeAR brat standoff and its conventions, the SemEval-2023 persuasion corpus.

No scoring here: the evaluations (``eval/``) and the training scripts (``training/``) read them.
"""
