"""Formation: Competence framework, self-assessment, catalogue, enrolments, training plans, access gating."""
