"""The learned stage: a character CRF for company, organization and project
spans, and a classifier for HOSTS / INVESTS_IN pairs, both stacked on the rules."""
