"""Recirc benchmarks (BENCHMARKS.md): each measures its own baseline in the same run and gates on ratios."""
