"""JAX experiments that confirm the claims numerically, one module per topic.

float64 is on for every experiment: several pass rules compare quantities whose difference is
far below float32 round-off."""
import jax

jax.config.update("jax_enable_x64", True)
