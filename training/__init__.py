"""Training-side stages: validation, features, training loop, evaluation, annotation tools."""
