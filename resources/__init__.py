"""Cardwise's data files: rule packs, templates, the sample card (and any fonts, ICC profiles,
models and translations added later).

In the repository this folder is ``resources/``; the wheel installs it as the package
``cardwise_resources`` and the frozen bundle ships it as ``<bundle>/cardwise_resources``.
Code never builds paths to it by hand: ``checks.resources.resources_root()`` finds it in all
three places. Every file below this folder ships (pyproject.toml package-data ``**/*``), so a
new rule-pack language folder needs no code or packaging change.
"""
