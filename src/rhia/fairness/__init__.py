"""Fairness: a deterministic French checker for bias in drafts and final texts, and counterfactual checks.

The DGAFP toolbox asks to "veiller, à chaque étape, à ne pas introduire de biais (stéréotypes,
discriminations, genre)". ``checker`` finds gendered assumptions about roles, assumed civilities,
stereotyped wording and protected criteria used as grounds for a decision; ``counterfactual`` measures
whether changing who the person is changes the sources or facts of an answer. Nothing is rewritten:
findings are shown to the agent with an explanation and a neutral wording.
"""
