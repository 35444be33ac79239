/**
 * Benchmarks of the generator's hot path against a PyTorch peer ({@code tools/peer/generator_peer.py}), and the
 * hand-run MLE training comparison with PyTorch.
 */
package org.textgan.generator.bench;
