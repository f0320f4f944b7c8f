import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // A warm civic red for primary actions, checked for 4.5:1 contrast on white.
        brand: { 50: "#fdf3f2", 100: "#fbe4e1", 600: "#b4321f", 700: "#97291a", 800: "#7c2317" },
        ink: { DEFAULT: "#1f2328", muted: "#4b5563" },
      },
      fontFamily: {
        sans: ['"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"', "system-ui", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
