"""Development tools: simulator, chat, offline NLU, model build and the local console.

Never shipped to Lambda (lambda/build_artifact.py leaves this package out) and never imported by
shipped code (tests/test_architecture.py).
"""
