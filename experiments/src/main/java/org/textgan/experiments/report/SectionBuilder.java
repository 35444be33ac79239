package org.textgan.experiments.report;

import java.io.IOException;

/** Builds one section of the report from the sweep. */
public interface SectionBuilder {
    /**
     * @param ctx the sweep and configuration
     * @return the section (saying so if its data are missing)
     * @throws IOException on read failure
     */
    ReportDocument.Section build(ReportContext ctx) throws IOException;
}
