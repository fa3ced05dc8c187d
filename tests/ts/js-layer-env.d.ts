// What the JS layer may meet at run time beyond the DOM library: CommonJS's `__dirname` (load.js
// reads the module beside the CommonJS entry through it).
declare var __dirname: string | undefined;
