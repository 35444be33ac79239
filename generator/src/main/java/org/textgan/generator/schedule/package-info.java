/**
 * Temperature schedules for the Gumbel-Softmax relaxation, behind one interface ({@link
 * org.textgan.generator.schedule.TemperatureSchedule}): constant; the seed tutorial's linear decay
 * {@code tau_t = tau_0 (1 - t/T)} with a floor; Jang et al.'s {@code max(tau_min, tau_0 exp(-r t))} updated every N
 * steps; and RelGAN's family of inverse-temperature schedules {@code beta_t} (exp, lin, log, sigmoid, quad, sqrt) with
 * {@code tau = 1 / beta}, where T is the run's real length (RelGAN's own code fixes it to 5000 whatever the run).
 */
package org.textgan.generator.schedule;
