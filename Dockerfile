# One image per app: docker build --build-arg APP=ops-cli -t tenantry/ops-cli .
FROM node:26-bookworm-slim AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
COPY apps apps
COPY libs libs
COPY tools tools
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json .swcrc ./
ARG APP
RUN npx nx run ${APP}:build && npm prune --omit=dev

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /workspace
COPY --from=build /workspace /workspace
ARG APP
ENV APP=${APP}
USER node
CMD ["sh", "-c", "exec node apps/${APP}/dist/main.js"]
