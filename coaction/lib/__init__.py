"""Pure computation with no Django import: reusable from views, commands and benchmarks."""
