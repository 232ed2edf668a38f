// Stylesheets imported for their side effect (main.tsx imports antd's prebuilt one); Vite bundles them.
declare module '*.css';
