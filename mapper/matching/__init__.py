"""The matcher's stages, each a small module with plain functions over plain records:

``query`` → ``retrieve`` → ``evidence`` → ``score`` → ``hierarchy`` → ``decide``, over an ``index``
built once per reference, with every weight and threshold in ``weights``. :class:`mapper.matcher.Matcher`
runs them.
"""
