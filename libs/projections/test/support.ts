/** Real SQLite files in a temp directory, the stores a test opens on them, and their documents. */
export { documentRows as dump, TempFiles, type TempStores } from '@chidao/projections/testing';
