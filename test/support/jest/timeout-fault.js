// Per-tier timeout: jest reads testTimeout only globally, so each tier sets its own here.
jest.setTimeout(420000);
