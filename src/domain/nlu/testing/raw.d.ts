/** Vite/Vitest `?raw` imports: a file's text as a string (test fixtures only). */
declare module "*?raw" {
  const text: string;
  export default text;
}
