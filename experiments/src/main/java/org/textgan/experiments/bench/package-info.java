/** Speed benchmarks of the full adversarial step against the PyTorch peer ({@code tools/peer/gan_peer.py}). */
package org.textgan.experiments.bench;
