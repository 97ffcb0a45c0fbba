// Stops `npm install` and `npm start` on a Node.js older than 24 with one clear line, before a native
// module (better-sqlite3) built for another Node.js crashes later. Plain JavaScript: it runs before
// anything is built.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Framework Guide needs Node.js 24 or later; this is ${process.version}: install Node.js 24 LTS`);
  process.exit(1);
}
