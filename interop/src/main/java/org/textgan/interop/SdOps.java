package org.textgan.interop;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.textgan.tensor.Parameter;

/**
 * The few composite SameDiff operations the graphs need, built from basic ops whose backward passes SameDiff has
 * (its {@code logSoftmax(x, dim)} breaks gradient creation; see docs in the package description).
 */
final class SdOps {
    private SdOps() {
    }

    /** A parameter's SameDiff variable name: the model's prefix, then the name with dots as underscores. */
    static String variableName(String prefix, String paramName) {
        return prefix + paramName.replace('.', '_');
    }

    /** Declares a parameter as a trainable variable of {@code sd} holding a copy of its value. */
    static SDVariable variable(SameDiff sd, String prefix, Parameter p, DataType type) {
        return sd.var(variableName(prefix, p.name()), Nd4jArrays.toNd4j(p.value(), type));
    }

    /** Columns {@code [from, to)} of a rank-2 variable (any number of rows). */
    static SDVariable columns(SDVariable a, long from, long to) {
        return a.get(SDIndex.all(), SDIndex.interval(from, to));
    }

    /** Rows {@code [from, to)} of a rank-2 variable. */
    static SDVariable rows(SDVariable a, long from, long to) {
        return a.get(SDIndex.interval(from, to), SDIndex.all());
    }

    /** The value of {@code x} with no gradient flowing back through it. */
    static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    /** Row-wise softmax of {@code [N, V]}: {@code exp(z - max) / sum exp(z - max)}, the max held constant. */
    static SDVariable softmax(SameDiff sd, SDVariable z) {
        SDVariable e = sd.math().exp(z.sub(stopGradient(sd, z.max(true, 1))));
        return e.div(e.sum(true, 1));
    }

    /** Row-wise log-softmax of {@code [N, V]}: {@code z - max - log sum exp(z - max)}, the max held constant. */
    static SDVariable logSoftmax(SameDiff sd, SDVariable z) {
        SDVariable shifted = z.sub(stopGradient(sd, z.max(true, 1)));
        return shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
    }
}
