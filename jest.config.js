// Root jest config: one project per area, each with its own jest.config.js.
// `make test` runs them all; `npx jest --selectProjects <name>` runs one.
const fs = require('node:fs');
const path = require('node:path');

const areas = ['lambda', 'lambda/functions/customer-profiles', 'stack', 'examples', 'test/integration', 'test/least-privilege', 'test/reliability', 'bench'];

module.exports = {
  projects: areas
    .filter((dir) => fs.existsSync(path.join(__dirname, dir, 'jest.config.js')))
    .map((dir) => `<rootDir>/${dir}`),
};
