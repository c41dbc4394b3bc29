// Per-tier timeout: jest reads testTimeout only globally, so each tier sets its own here.
// Unit specs need no infrastructure, but some parse whole workbooks, which takes seconds under load.
jest.setTimeout(30000);
