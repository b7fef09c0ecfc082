// test:pg runs the storage tests against a real PostgreSQL; without one it must fail loudly.
if (!process.env.DATABASE_URL) {
  console.error("test:pg needs DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/civicline_test).");
  process.exit(2);
}
