/**
 * The numeric core the models run on: dense row-major matrices in native memory ({@link org.textgan.tensor.Mat}),
 * in single or double precision, with matrix products that go straight to OpenBLAS ({@link org.textgan.tensor.Blas})
 * and element-wise work done in plain Java loops over the same memory. No per-call allocation happens on the hot
 * path: models preallocate their buffers and reuse them.
 *
 * <p>Double precision exists so that every hand-derived backward pass can be checked against central finite
 * differences ({@link org.textgan.tensor.GradientCheck}) to a relative error far below what single precision allows;
 * single precision is what training and benchmarks use.
 */
package org.textgan.tensor;
