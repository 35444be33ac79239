/** Adapters between the data-prep module's datasets and the models' views of them. */
package org.textgan.experiments.data;
