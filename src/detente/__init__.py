"""detente: news about international relations in, measured and explainable evidence out."""
__version__ = "0.1.0"
