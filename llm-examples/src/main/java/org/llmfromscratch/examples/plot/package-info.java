/**
 * Pictures for learners: small, dependency-free PNG writers built on {@code java.awt} and
 * {@code javax.imageio} only, fed with plain Java arrays (no tensors), so the tutorial's numbers can be
 * looked at as well as read.
 *
 * <ul>
 *   <li>{@link org.llmfromscratch.examples.plot.Heatmap}: a matrix as coloured cells, blue for negative,
 *       white for zero, red for positive, with a colour bar; used for positional and input embeddings.</li>
 *   <li>{@link org.llmfromscratch.examples.plot.PcaScatter}: high-dimensional points projected to 2-D,
 *       each dot labelled with its text; used for the token embeddings of a batch.</li>
 *   <li>{@link org.llmfromscratch.examples.plot.Pca}: the principal component analysis behind the
 *       scatter plot, usable on its own.</li>
 * </ul>
 *
 * <p>Everything runs headless ({@code java.awt.headless=true} is set unless the caller chose otherwise).
 * Text needs fontconfig and one font on the machine (Debian: {@code fontconfig fonts-dejavu-core}).
 * Bad input (null, empty or jagged matrices, NaN or infinite values, a label count that does not match)
 * is rejected with an {@link java.lang.IllegalArgumentException} that names the bad value.
 */
package org.llmfromscratch.examples.plot;
