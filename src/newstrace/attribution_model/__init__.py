"""The learned attribution tagger: PolNeAR's Source / Cue / Content as a tag sequence over WordPieces."""
