"""The steering-committee deck: a 16:9 PowerPoint with native charts and tables.

`content` turns the scored, planned assessment into presentation-neutral slide records
(`slides`); `render` draws them with python-pptx on the layouts `layouts` picks from the
default template or the firm's own; `build` saves the file byte for byte the same for the same
input. python-pptx is imported only inside this package, and this package only when a deck is
written.
"""
