// Below the layout's role check: a loading boundary above it would send 200 before a 404.
export { ConsoleLoading as default } from "@/components/admin/console-loading";
