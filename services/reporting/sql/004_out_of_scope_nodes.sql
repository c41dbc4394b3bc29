-- A node the assessed AI system's profile excludes: shown in the tree, with no score.
ALTER TABLE node_scores ADD COLUMN out_of_scope boolean NOT NULL DEFAULT false;
